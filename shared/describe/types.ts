import type { ObjectRef } from '../model/object-ref';

/** A span of the describe text that names another object: the view renders it as a link. */
export interface DescribeLink {
  /** 0-based line of the text. */
  line: number;
  /** UTF-16 column range [start, end) on that line. */
  start: number;
  end: number;
  target: ObjectRef;
}

export interface DescribeResult {
  text: string;
  links: DescribeLink[];
}

/**
 * What a describer needs besides the objects: the cluster (for link targets) and the clock, so
 * that ages and the local-zone times are deterministic under test.
 */
export interface DescribeContext {
  cluster: string;
  /** Milliseconds since the epoch; ages are measured against it. */
  now: number;
  /** IANA zone the times are shown in (kubectl uses the caller's local zone). */
  timeZone: string;
}
