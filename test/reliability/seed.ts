/**
 * The seed of a reliability test: $MLRUNS_STRESS_SEED when set (to replay a failure), else a
 * random one. Tests print it in their titles; `npm run stress -- --seed <seed>` replays it too.
 */
export function stressSeed(): number {
  const given = Number(process.env.MLRUNS_STRESS_SEED);
  return Number.isSafeInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 2 ** 31);
}
