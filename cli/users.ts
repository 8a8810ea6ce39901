/**
 * `doisoat users add|list|disable|passwd`: the review desk's accounts. A password is read from
 * standard input, never from the command line (it would show in the process list and the shell
 * history): on a terminal it is asked twice without echo, otherwise the first line is taken.
 */
import { Command } from 'commander';
import { DoisoatError } from '../core/errors.js';
import { ROLE_LABELS, ROLES } from '../core/roles.js';
import { addUser, changePassword, checkUserName, disable, listUsers, parseRole, type Account } from '../accounts/users.js';
import { Store } from '../store/store.js';

/** What the password is read from: process.stdin, or a stand-in in tests. */
export interface PasswordInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Ctrl-C at the prompt. */
export class PromptCancelled extends Error {}

/**
 * The password: asked on the terminal without echo (twice when `confirm`, both must match), or
 * the first line of a pipe or file.
 */
export async function readPassword(input: PasswordInput, output: NodeJS.WritableStream, confirm: boolean): Promise<string> {
  if (!input.isTTY) {
    const line = await firstLine(input);
    if (!line) throw new DoisoatError('password-required');
    return line;
  }
  const [first, second] = await askHidden(input, output, confirm ? ['Mật khẩu: ', 'Nhập lại mật khẩu: '] : ['Mật khẩu: ']);
  if (!first) throw new DoisoatError('password-required');
  if (confirm && first !== second) throw new DoisoatError('password-mismatch');
  return first;
}

async function firstLine(input: PasswordInput): Promise<string> {
  input.setEncoding('utf8');
  let text = '';
  for await (const chunk of input as AsyncIterable<string>) {
    text += chunk;
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split('\n', 1)[0]!.replace(/\r$/, '');
}

/** Reads one line per prompt in raw mode, echoing nothing; backspace edits, Ctrl-C cancels. */
function askHidden(input: PasswordInput, output: NodeJS.WritableStream, prompts: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const answers: string[] = [];
    let value = '';
    let escape = false;
    const wasRaw = input.isRaw ?? false;
    const finish = (err?: Error): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.setRawMode?.(wasRaw);
      input.pause();
      if (err) reject(err);
      else resolve(answers);
    };
    const enter = (): boolean => {
      output.write('\n');
      answers.push(value);
      value = '';
      if (answers.length === prompts.length) return true;
      output.write(prompts[answers.length]!);
      return false;
    };
    const onData = (chunk: string | Buffer): void => {
      for (const ch of String(chunk)) {
        if (escape) {
          // An escape sequence (arrow keys…) ends with a letter or '~'.
          if (/[A-Za-z~]/.test(ch)) escape = false;
        } else if (ch === '\r' || ch === '\n') {
          if (enter()) return finish();
        } else if (ch === '\u0003') {
          output.write('\n');
          return finish(new PromptCancelled());
        } else if (ch === '\u0004') {
          if (value === '' && enter()) return finish();
        } else if (ch === '\u007f' || ch === '\b') {
          value = [...value].slice(0, -1).join('');
        } else if (ch === '\u001b') {
          escape = true;
        } else if (ch >= ' ') {
          value += ch;
        }
      }
    };
    const onEnd = (): void => {
      output.write('\n');
      answers.push(value);
      while (answers.length < prompts.length) answers.push('');
      finish();
    };
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.once('end', onEnd);
    output.write(prompts[0]!);
    input.resume();
  });
}

/** Runs `fn` with the store of the environment, closed afterwards. */
async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Reads the password from this process's standard input; Ctrl-C exits 130. */
async function passwordFromStdin(): Promise<string | null> {
  try {
    return await readPassword(process.stdin, process.stderr, true);
  } catch (err) {
    if (!(err instanceof PromptCancelled)) throw err;
    process.exitCode = 130;
    return null;
  }
}

function render(accounts: readonly Account[]): string {
  if (accounts.length === 0) return 'Chưa có tài khoản nào.';
  const rows = [['Tài khoản', 'Vai trò', 'Trạng thái', 'Tạo lúc']];
  for (const a of accounts) rows.push([a.name, `${a.role} (${ROLE_LABELS[a.role] ?? a.role})`, a.disabled ? 'đã khoá' : 'đang dùng', a.createdAt]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ')).join('\n');
}

export function usersCommand(): Command {
  const users = new Command('users')
    .description('Quản lý tài khoản bàn đối soát (mật khẩu đọc từ đầu vào chuẩn).');
  users
    .command('add')
    .description('Tạo tài khoản; mật khẩu được hỏi (không hiện) hoặc đọc dòng đầu của đầu vào chuẩn.')
    .argument('<tên>', 'tên tài khoản: 1–64 ký tự, chữ cái không dấu, chữ số, . _ -')
    .option('--role <vai-trò>', `vai trò: ${ROLES.join(', ')}`)
    .action(async (name: string, opts: { role?: string }) => {
      checkUserName(name);
      const role = parseRole(opts.role);
      await withStore(async (store) => {
        // Refused before the password is asked, not after.
        if (await store.getUser(name)) throw DoisoatError.withDetail('user-exists', `(${name})`);
        const password = await passwordFromStdin();
        if (password === null) return;
        const account = await addUser(store, name, role, password);
        process.stdout.write(`Đã tạo tài khoản ${account.name}, vai trò ${account.role} (${ROLE_LABELS[account.role]}).\n`);
      });
    });
  users
    .command('list')
    .description('Liệt kê các tài khoản.')
    .option('--json', 'in dạng JSON (không có mật khẩu hay mã băm của nó)')
    .action(async (opts: { json?: boolean }) => {
      const accounts = await withStore(listUsers);
      process.stdout.write((opts.json ? JSON.stringify(accounts, null, 2) : render(accounts)) + '\n');
    });
  users
    .command('disable')
    .description('Khoá tài khoản: không đăng nhập được nữa, các phiên đang mở bị đóng ngay.')
    .argument('<tên>', 'tên tài khoản')
    .action(async (name: string) => {
      await withStore((store) => disable(store, name));
      process.stdout.write(`Đã khoá tài khoản ${name}; các phiên đăng nhập của tài khoản này đã bị đóng.\n`);
    });
  users
    .command('passwd')
    .description('Đặt mật khẩu mới; các phiên đăng nhập cũ của tài khoản bị đóng.')
    .argument('<tên>', 'tên tài khoản')
    .action(async (name: string) => {
      await withStore(async (store) => {
        if (!(await store.getUser(name))) throw DoisoatError.withDetail('user-not-found', `(${name})`);
        const password = await passwordFromStdin();
        if (password === null) return;
        await changePassword(store, name, password);
        process.stdout.write(`Đã đổi mật khẩu của ${name}; các phiên đăng nhập cũ đã bị đóng.\n`);
      });
    });
  return users;
}
