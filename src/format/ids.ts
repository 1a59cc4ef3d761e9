import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { RUN_NAME_NOUNS, RUN_NAME_PREDICATES } from './run-name-words.js';

/** A new run id: a uuid4 as 32 lowercase hex characters, as MLflow makes them. */
export function newRunId(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * A new experiment id as MLflow 2.0+ makes them (spec 5.4): the last 18 decimal digits of a
 * random 128-bit integer; every leading zero is dropped and paid back with one random digit
 * at the end, so the id always has 18 digits and never starts with 0.
 */
export function newExperimentId(): string {
  const big = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const last18 = big.toString().padStart(18, '0').slice(-18);
  const zeros = /^0*/.exec(last18)?.[0].length ?? 0;
  let id = last18.slice(zeros);
  for (let i = 0; i < zeros; i += 1) id += String(randomInt(10));
  return id;
}

/**
 * A random run name `<adjective>-<noun>-<0..1000>` of at most 20 characters, drawn from the
 * same words as MLflow's names; after 10 tries at a short one it is cut to 20 characters.
 */
export function randomRunName(): string {
  let name = '';
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const predicate = RUN_NAME_PREDICATES[randomInt(RUN_NAME_PREDICATES.length)];
    const noun = RUN_NAME_NOUNS[randomInt(RUN_NAME_NOUNS.length)];
    name = `${predicate}-${noun}-${randomInt(1001)}`;
    if (name.length <= 20) return name;
  }
  return name.slice(0, 20);
}
