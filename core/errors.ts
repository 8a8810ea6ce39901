/**
 * Errors are values with a stable code and a Vietnamese message for the user. They are raised at
 * the edge of a stage and end up in ReportAudit.error; one bad file never stops a batch. The
 * account codes (user-exists … login-failed) and the review codes (report-not-found … not-allowed)
 * reach the user through the CLI or the web server.
 */
export type ErrorCode =
  | 'empty-file'
  | 'unsupported-format'
  | 'corrupt-file'
  | 'encrypted-pdf'
  | 'encrypted-file'
  | 'too-large'
  | 'timeout'
  | 'no-report-found'
  | 'read-failed'
  | 'not-found'
  | 'permission-denied'
  | 'internal-error'
  | 'connection-failed'
  | 'user-exists'
  | 'user-not-found'
  | 'invalid-user-name'
  | 'invalid-role'
  | 'weak-password'
  | 'password-required'
  | 'password-mismatch'
  | 'login-failed'
  | 'report-not-found'
  | 'flag-not-found'
  | 'invalid-decision'
  | 'note-required'
  | 'note-too-long'
  | 'not-allowed';

const MESSAGES: Record<ErrorCode, string> = {
  'empty-file': 'Tệp rỗng (0 byte), không có nội dung để đọc.',
  'unsupported-format': 'Định dạng tệp không được hỗ trợ (chỉ nhận văn bản DOCX, DOC, PDF, ảnh chụp hoặc bản scan JPEG, PNG, TIFF, HEIC, và tệp ZIP chứa ảnh các trang của một báo cáo).',
  'corrupt-file': 'Tệp bị hỏng hoặc không đọc được.',
  'encrypted-pdf': 'Tệp PDF được bảo vệ bằng mật khẩu, không thể đọc nội dung.',
  'encrypted-file': 'Tệp được bảo vệ bằng mật khẩu, không thể đọc nội dung.',
  'too-large': 'Tệp vượt quá giới hạn kích thước cho phép.',
  timeout: 'Xử lý tệp quá thời gian cho phép.',
  'no-report-found': 'Không tìm thấy báo cáo tự đánh giá, chấm điểm trong tệp.',
  'read-failed': 'Không đọc được tệp.',
  'not-found': 'Không tìm thấy tệp hoặc thư mục.',
  'permission-denied': 'Không có quyền truy cập tệp hoặc thư mục này.',
  'internal-error': 'Lỗi nội bộ khi xử lý tệp.',
  'connection-failed': 'Không kết nối được máy chủ cơ sở dữ liệu hoặc hàng đợi.',
  'user-exists': 'Tên tài khoản này đã có người dùng.',
  'user-not-found': 'Không có tài khoản này.',
  'invalid-user-name': 'Tên tài khoản không hợp lệ: từ 1 đến 64 ký tự, chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -',
  'invalid-role': 'Vai trò không hợp lệ: chọn clerk (văn thư), auditor (kiểm tra viên) hoặc admin (quản trị viên).',
  'weak-password': 'Mật khẩu quá ngắn: cần ít nhất 8 ký tự.',
  'password-required': 'Chưa nhập mật khẩu (mật khẩu được đọc từ đầu vào chuẩn, không nhận trên dòng lệnh).',
  'password-mismatch': 'Hai lần nhập mật khẩu không khớp nhau.',
  'login-failed': 'Tên tài khoản hoặc mật khẩu không đúng.',
  'report-not-found': 'Không có báo cáo này (hoặc báo cáo chưa có kết quả xử lý).',
  'flag-not-found': 'Báo cáo không có cảnh báo này; hãy tải lại trang.',
  'invalid-decision': 'Quyết định không hợp lệ: chọn "Xác nhận sai lệch" (confirmed) hoặc "Bỏ qua" (dismissed).',
  'note-required': 'Cần ghi chú lý do khi bỏ qua một lỗi.',
  'note-too-long': 'Ghi chú quá dài: tối đa 2000 ký tự.',
  'not-allowed': 'Tài khoản của bạn không có quyền làm việc này.',
};

export class DoisoatError extends Error {
  readonly code: ErrorCode;
  /** Vietnamese, for the user. `message` (English) is for logs. */
  readonly userMessage: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = MESSAGES[code];
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = 'DoisoatError';
    this.code = code;
    this.userMessage = base;
  }

  /** A Vietnamese message with extra Vietnamese detail appended. */
  static withDetail(code: ErrorCode, vietnameseDetail: string, cause?: unknown): DoisoatError {
    const e = new DoisoatError(code, vietnameseDetail, { cause });
    (e as { userMessage: string }).userMessage = `${MESSAGES[code]} ${vietnameseDetail}`.trim();
    return e;
  }
}

export function defaultMessage(code: ErrorCode): string {
  return MESSAGES[code];
}

export function isDoisoatError(e: unknown): e is DoisoatError {
  return e instanceof DoisoatError;
}
