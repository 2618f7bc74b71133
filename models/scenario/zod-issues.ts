/**
 * Turns zod's issues into {@link ScenarioIssue}s a user can act on: plain-language messages,
 * unknown keys reported at their own path, and a failed union reported through the branch the
 * input was evidently written for (a string given for a duration-or-object field gets the
 * duration's message, not "invalid input").
 */
import type { z } from 'zod';
import { formatPath } from './diagnostics.js';
import type { PathSegments, ScenarioIssue } from './diagnostics.js';

type Issue = z.core.$ZodIssue;

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const { origin } = issue;
  const value = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  const cmp = issue.code === 'too_small' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
  if (origin === 'array') return `must have ${cmp} ${String(value)} item${Number(value) === 1 ? '' : 's'}`;
  if (origin === 'string')
    return `must have ${cmp} ${String(value)} character${Number(value) === 1 ? '' : 's'}`;
  return `must be ${cmp} ${String(value)}`;
}

function received(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `${typeof input} ${JSON.stringify(input)}`;
}

function message(issue: Issue): string {
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      return bound(issue);
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${issue.expected === 'int' ? 'an integer' : `a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`}, got ${received(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${received(issue.input)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

// The discriminator issue carries the whole object as input; the value is under its key.
function discriminant(issue: Issue): unknown {
  const input = issue.input;
  const key = (issue as { discriminator?: string }).discriminator;
  return input !== null && typeof input === 'object' && key !== undefined
    ? (input as Record<string, unknown>)[key]
    : input;
}

// A branch "fits" the input when its failures are not just a type mismatch at the union itself.
function fits(branch: readonly Issue[], unionDepth: number): boolean {
  return branch.some((i) => i.code !== 'invalid_type' || i.path.length > unionDepth);
}

function collect(issues: readonly Issue[], prefix: PathSegments, out: ScenarioIssue[]): void {
  // An unknown key already explains a "needs exactly one of" failure of the same object.
  const unknownAt = new Set(
    issues
      .filter((i) => i.code === 'unrecognized_keys')
      .map((i) => formatPath([...prefix, ...(i.path as (string | number)[])])),
  );
  for (const issue of issues) {
    if (
      issue.code === 'custom' &&
      issue.message.includes('exactly one of') &&
      unknownAt.has(formatPath([...prefix, ...(issue.path as (string | number)[])]))
    ) {
      continue;
    }
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'invalid_key') {
      // A map key (an endpoint or service name) broke its rule: report the rule's own message.
      collect(issue.issues, path, out);
    } else if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.errors.length === 0) {
      const options = (issue as { options?: unknown[] }).options ?? [];
      out.push({
        path: formatPath(path),
        message: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${received(discriminant(issue))}`,
      });
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const fitting = issue.errors.filter((b) => fits(b, 0));
      if (fitting.length === 1) collect(fitting[0]!, path, out);
      else if (issue.errors.every((b) => !fits(b, 0))) {
        const expected = issue.errors.map((b) => (b[0]?.code === 'invalid_type' ? b[0].expected : '?'));
        out.push({ path: formatPath(path), message: `must be ${[...new Set(expected)].join(' or ')}` });
      } else out.push({ path: formatPath(path), message: issue.message });
    } else {
      out.push({ path: formatPath(path), message: message(issue) });
    }
  }
}

/** Converts zod issues to scenario issues with formatted paths and plain messages. */
export function fromZodIssues(issues: readonly Issue[]): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  collect(issues, [], out);
  return out;
}
