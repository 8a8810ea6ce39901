/**
 * Usage errors and help, in Vietnamese. Commander's own texts are English and its usage errors
 * exit 1, which is doisoat's "discrepancies found": every command is set up here to stay silent
 * and throw instead, and main.ts prints a UsageError in Vietnamese with the command's help and
 * exits 2.
 */
import { Command, CommanderError, Help, type Option } from 'commander';

/** A command line that cannot be run as given; exit 2. */
export class UsageError extends Error {
  readonly command: Command;

  constructor(command: Command, vietnameseMessage: string) {
    super(vietnameseMessage);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Help shown on request (exit 0), or because a subcommand was missing (a usage error, exit 2). */
export class HelpShown extends Error {
  readonly requested: boolean;

  constructor(requested: boolean) {
    super(requested ? 'help displayed' : 'help displayed after a missing command');
    this.name = 'HelpShown';
    this.requested = requested;
  }
}

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tuỳ chọn:',
  'Commands:': 'Lệnh:',
  'Global Options:': 'Tuỳ chọn chung:',
};

const usageWords = (text: string): string => text.replaceAll('[options]', '[tuỳ chọn]').replaceAll('[command]', '[lệnh]');

/** Commander's help, its headings and fixed words in Vietnamese. */
const VIETNAMESE_HELP: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  styleUsage: usageWords,
  styleSubcommandTerm: usageWords,
  optionDescription(this: Help, option: Option): string {
    return Help.prototype.optionDescription.call(this, option).replace(/\(default: ([^)]*)\)$/, '(mặc định: $1)');
  },
};

/** The quoted names in commander's message, in order ("unknown option '-x'" → ['-x']). */
function quoted(message: string): string[] {
  return [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** "(Did you mean --force?)" → " (Có phải ý bạn là --force?)". */
function suggestion(message: string): string {
  const m = /\(Did you mean (.+?)\?\)/.exec(message);
  return m ? ` (Có phải ý bạn là ${m[1]}?)` : '';
}

const full = (cmd: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
};

/** Commander's English error, by its code, as a Vietnamese sentence. */
export function vietnameseUsageMessage(cmd: Command, err: CommanderError): string {
  const q = quoted(err.message);
  switch (err.code) {
    case 'commander.unknownCommand':
      return `Không có lệnh “${q[0] ?? ''}”.${suggestion(err.message)}`;
    case 'commander.unknownOption': {
      const flag = q[0] ?? '';
      const hint = flag.startsWith('-') && !flag.startsWith('--') && flag.length > 2 ? ` Nếu đó là tên tệp, hãy đặt -- trước nó: ${full(cmd)} -- ${flag}` : '';
      return `Không có tuỳ chọn “${flag}”.${suggestion(err.message)}${hint}`;
    }
    case 'commander.missingArgument':
      return `Thiếu tham số bắt buộc “${q[0] ?? ''}”.`;
    case 'commander.optionMissingArgument':
      return `Tuỳ chọn “${q[0] ?? ''}” cần một giá trị.`;
    case 'commander.missingMandatoryOptionValue':
      return `Thiếu tuỳ chọn bắt buộc “${q[0] ?? ''}”.`;
    case 'commander.invalidArgument': {
      // "option '-c, --concurrency <n>' argument '0' is invalid. <our reason>" or
      // "command-argument value 'x' is invalid for argument 'name'. <our reason>"
      const reason = /is invalid(?: for argument '[^']*')?\.\s*(.*)$/s.exec(err.message)?.[1]?.trim();
      const what = err.message.includes('command-argument') ? `tham số “${q[1] ?? ''}”` : `tuỳ chọn “${q[0] ?? ''}”`;
      const value = err.message.includes('command-argument') ? q[0] : q[1];
      return `Giá trị “${value ?? ''}” của ${what} không hợp lệ${reason ? `: ${reason}` : '.'}`;
    }
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(err.message);
      return m ? `Thừa tham số: lệnh nhận ${m[1]} tham số nhưng được đưa ${m[2]}.` : 'Thừa tham số.';
    }
    case 'commander.conflictingOption':
      return `Không dùng được tuỳ chọn “${q[0] ?? ''}” cùng với “${q[1] ?? ''}”.`;
    default:
      return 'Dòng lệnh không hợp lệ.';
  }
}

/**
 * Sets up `cmd` and every subcommand: Vietnamese help, no English error output, and commander's
 * exits turned into HelpShown or UsageError for main.ts.
 */
export function applyUsageConventions(cmd: Command): Command {
  cmd
    .helpOption('-h, --help', 'hiện hướng dẫn')
    .configureHelp(VIETNAMESE_HELP)
    .showHelpAfterError(false)
    .configureOutput({ outputError: () => {} })
    .exitOverride((err) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') throw new HelpShown(true);
      // No subcommand given: commander has printed the help to stderr already.
      if (err.code === 'commander.help') throw new HelpShown(false);
      throw new UsageError(cmd, vietnameseUsageMessage(cmd, err));
    });
  if (cmd.commands.length > 0) cmd.helpCommand('help [lệnh]', 'hiện hướng dẫn của một lệnh');
  for (const sub of cmd.commands) applyUsageConventions(sub);
  return cmd;
}
