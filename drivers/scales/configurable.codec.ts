import type { ConfigurableScale } from '../../app/domain';
import { StationError, errorMessage } from '../../app/domain/errors';
import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { FrameSplitter } from '../serial/frame-splitter';
import { unescapeBytes } from './escaped-bytes';
import { FrameError } from './frame-error';
import { parseUnit, weightFromText, type ScaleCodec, type ScaleCommands, type ScaleFrame, type WeightUnit } from './scale-protocol';

/**
 * Any scale that prints one weight per frame: the station's config says what to send (or nothing, for a
 * streaming scale), what ends a frame, and a regex whose named groups pick the parts:
 * - `weight` (required): a signed decimal, spaces allowed between sign and digits;
 * - `unit`: g, kg, lb, oz (any case) — else `defaultUnit`;
 * - `stable`: the frame is stable when this group matched something; or `motion`: in motion when it matched.
 *   With neither group the scale has no flag: readings are `unflagged` and need a stability window.
 * A frame the regex does not match is not a weight (never a guess).
 */
export class ConfigurableCodec implements ScaleCodec {
  readonly name = 'configurable';
  readonly request: Buffer | null;
  readonly commands: ScaleCommands;
  readonly reportsStability: boolean;
  private readonly terminator: Buffer;
  private readonly pattern: RegExp;
  private readonly defaultUnit: WeightUnit;
  private readonly flag: 'stable' | 'motion' | null;

  constructor(config: ConfigurableScale) {
    this.request = config.request === null ? null : unescapeBytes(config.request, 'scale.configurable.request');
    this.terminator = unescapeBytes(config.terminator, 'scale.configurable.terminator');
    if (this.terminator.length === 0) throw new StationError('CONFIG', 'scale.configurable.terminator must not be empty');
    this.commands = {
      ...(config.zero === null ? {} : { zero: unescapeBytes(config.zero, 'scale.configurable.zero') }),
      ...(config.tare === null ? {} : { tare: unescapeBytes(config.tare, 'scale.configurable.tare') }),
    };
    this.pattern = compile(config.pattern);
    const groups = namedGroups(config.pattern);
    if (!groups.has('weight')) throw new StationError('CONFIG', 'scale.configurable.pattern needs a named group (?<weight>…)');
    this.flag = groups.has('stable') ? 'stable' : groups.has('motion') ? 'motion' : null;
    this.reportsStability = this.flag !== null;
    this.defaultUnit = config.defaultUnit;
  }

  frames(): FrameSplitter {
    return new DelimiterSplitter({ delimiter: this.terminator, maxLength: 256 });
  }

  parse(frame: Buffer): ScaleFrame | FrameError {
    let text = frame.toString('latin1');
    const end = this.terminator.toString('latin1');
    if (text.endsWith(end)) text = text.slice(0, -end.length);
    const groups = this.pattern.exec(text)?.groups;
    if (!groups) return FrameError.of('MALFORMED', 'frame does not match the configured pattern', frame);
    const weight = groups['weight'];
    if (weight === undefined) return FrameError.of('MALFORMED', 'pattern matched without a weight', frame);
    const unitText = groups['unit']?.trim();
    const unit = unitText ? parseUnit(unitText) : this.defaultUnit;
    if (!unit) return FrameError.of('UNIT', `unit "${unitText ?? ''}" is not a weight unit`, frame);
    const matched = (name: string): boolean => (groups[name] ?? '') !== '';
    const stable = this.flag === 'stable' ? matched('stable') : this.flag === 'motion' ? !matched('motion') : true;
    const extra = this.flag === null ? { unflagged: true } : {};
    return weightFromText(weight, unit, stable, extra) ?? FrameError.of('MALFORMED', `"${weight}" is not a number`, frame);
  }
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 's');
  } catch (error) {
    throw new StationError('CONFIG', `scale.configurable.pattern is not a valid regular expression: ${errorMessage(error)}`);
  }
}

function namedGroups(pattern: string): Set<string> {
  return new Set([...pattern.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1] ?? ''));
}
