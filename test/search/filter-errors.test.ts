import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, InvalidParameterError, isMlflowError } from '../../src/errors/index.js';
import { parseExperimentFilter, parseRunFilter } from '../../src/search/index.js';

function errorOf(parse: () => unknown): FilterSyntaxError {
  try {
    parse();
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error('expected the parse to fail');
}

describe('filter syntax errors (spec case 62)', () => {
  it('rejects two statements separated by a semicolon', () => {
    expect(() => parseRunFilter("metrics.acc > 1; params.a = 'b'")).toThrow('Search filter contained multiple expression');
  });

  it.each(['m.acc >= 0.94', "p.model = 'LR'", "attri.x = 'a'", "a.x = 'a'"])('rejects the unknown entity in %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('Invalid entity type');
  });

  it.each([
    'acc >= 0.94',
    "attribute.start = 'x'",
    "attribute.experiment_id = '0'",
    "attribute.lifecycle_stage = 'active'",
    "attribute.name = 'x'",
    'attribute.time = 1',
    "attribute._status = 'x'",
  ])('rejects the attribute key in %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('Invalid attribute key');
  });

  it.each([
    "metrics.acc > 1 OR params.a = 'b'",
    "metrics.acc > 1 NAND params.a = 'b'",
    '(metrics.acc > 1)',
    'metrics.`acc > 1',
    'attribute.status = true',
  ])('rejects %s as an invalid clause', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('Invalid clause(s) in filter string');
  });

  it.each(["dataset.status = 'x'", "dataset.profile = 'x'"])('rejects the dataset key in %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('Invalid dataset key');
  });

  it.each(['metrics.acc IS NULL', 'attribute.status IS NULL'])('rejects IS NULL outside tags and params in %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('IS NULL / IS NOT NULL is only supported for tags and params');
  });

  it('rejects a filter of whitespace only', () => {
    expect(() => parseRunFilter('   ')).toThrow('Could not be parsed');
  });
});

describe('value errors (spec case 63)', () => {
  it.each(["metric.model = 'LR'", "metric.model = '5'", 'metrics.acc != metrics.acc'])('rejects a non-number for a metric in %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('Expected numeric value type for metric');
  });

  it('rejects an unquoted number for a param', () => {
    expect(() => parseRunFilter('params.acc = 5')).toThrow('Expected a quoted string value for param');
  });

  it('rejects a value on the left of the comparator', () => {
    expect(() => parseRunFilter('1.0 > metrics.acc')).toThrow("Expected 'Identifier' found");
  });

  it('rejects an unquoted number for a string attribute', () => {
    expect(() => parseRunFilter('attribute.status = 1')).toThrow('Expected a quoted string value for attributes');
  });

  it.each(['params.acc = LR', 'params.acc = `LR`'])('rejects the unquoted value in %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow('value is either not quoted or unidentified quote types');
  });

  it.each(["params.acc = 'LR", "params.acc = = 'x'", "attribute.status IS 'RUNNING'", 'params.acc LR', 'metric.acc !='])(
    'rejects %s as an invalid clause',
    (filter) => {
      expect(() => parseRunFilter(filter)).toThrow('Invalid clause(s) in filter string');
    },
  );

  it('rejects a comparison of two values', () => {
    expect(() => parseRunFilter('1=1')).toThrow("Expected 'Identifier' found");
  });

  it('rejects a list for any attribute but run_id', () => {
    expect(() => parseRunFilter("run_name IN ('a')")).toThrow("Only ['run_id'] attributes support comparison with a list");
  });

  it('rejects an empty list', () => {
    expect(() => parseRunFilter('run_id IN ()')).toThrow('expected a non-empty list of string values, but got empty list');
  });

  it('rejects a list of numbers', () => {
    expect(() => parseRunFilter('run_id IN (1, 2)')).toThrow('but got different type in list: (1, 2)');
  });

  it('rejects a list that is not a Python literal', () => {
    expect(() => parseRunFilter("run_id IN ('a' 'b', c)")).toThrow('but got ill-formed list');
  });
});

describe('comparator errors, raised at parse time (spec case 64)', () => {
  it.each(['metrics.acc ~ 1', 'metrics.acc ~= 1', 'metrics.acc LIKE 1', 'metrics.acc <> 1'])('rejects %s', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow("Invalid comparator '");
  });

  it.each(['>', '<', '>=', '<=', '~', 'RLIKE', 'NOT LIKE', '=='])('rejects %s for params, tags and string attributes', (op) => {
    for (const left of ['params.a', 'tags.a', 'attribute.status', 'datasets.name']) {
      expect(() => parseRunFilter(`${left} ${op} 'x'`)).toThrow('Invalid comparator');
    }
  });

  it.each(['LIKE', 'ILIKE'])('rejects %s for start_time', (op) => {
    expect(() => parseRunFilter(`attribute.start_time ${op} 1`)).toThrow('Invalid comparator');
  });

  it('raises the comparator error even when there is nothing to filter (MLflow does not)', () => {
    expect(() => parseRunFilter("params.a > 'x'")).toThrow(`Invalid comparator '>' not one of`);
  });

  it('rejects LIKE against a list, where MLflow fails with a TypeError', () => {
    expect(() => parseRunFilter("run_id LIKE ('a')")).toThrow("Invalid comparator 'LIKE' for a list of values");
  });
});

describe('experiment filter errors (spec 6.4, case 10)', () => {
  it.each(["attributes.name = 'x'", "attr.name = 'x'", "run.name = 'x'", 'metrics.acc > 1'])('rejects the entity in %s', (filter) => {
    expect(() => parseExperimentFilter(filter)).toThrow("Valid entity types are ('attribute', 'tag', 'tags')");
  });

  it("rejects IS NULL on the name with MLflow's message", () => {
    expect(() => parseExperimentFilter('name IS NULL')).toThrow('IS NULL / IS NOT NULL is only supported for tags');
  });

  it.each(["lifecycle_stage = 'active'", "artifact_location = 'x'"])('rejects the attribute key in %s', (filter) => {
    expect(() => parseExperimentFilter(filter)).toThrow('Invalid attribute key');
  });

  it('rejects a list for the name, naming experiment_id as the key that takes one', () => {
    expect(() => parseExperimentFilter("name IN ('a')")).toThrow("Only ['experiment_id'] attributes support comparison with a list");
  });

  it('rejects > on the name', () => {
    expect(() => parseExperimentFilter("name > 'a'")).toThrow('Invalid comparator');
  });

  it('rejects a quoted number for creation_time', () => {
    expect(() => parseExperimentFilter("creation_time > '5'")).toThrow('Expected numeric value type for numeric attribute: creation_time');
  });
});

describe('FilterSyntaxError', () => {
  it('is an MlflowError with INVALID_PARAMETER_VALUE', () => {
    const error = errorOf(() => parseRunFilter('params.a = 5'));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(isMlflowError(error) && error.errorCode).toBe('INVALID_PARAMETER_VALUE');
  });

  it('points at the offending value', () => {
    const error = errorOf(() => parseRunFilter("metrics.acc > 0.5 AND params.a = 5"));
    expect(error.offset).toBe(33);
    expect(error.filter).toBe('metrics.acc > 0.5 AND params.a = 5');
  });

  it('points at an invalid comparator', () => {
    expect(errorOf(() => parseRunFilter("params.a > 'x'")).offset).toBe(9);
  });

  it('points at the key of an invalid attribute', () => {
    expect(errorOf(() => parseRunFilter("attributes.nope = 'x'")).offset).toBe(11);
  });

  it("keeps MLflow's message on its own in reason", () => {
    expect(errorOf(() => parseRunFilter('params.a = 5')).reason).toBe(
      "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 5",
    );
  });

  it('shows the filter with a caret under the offending character', () => {
    expect(errorOf(() => parseRunFilter("metrics.acc > 'high'")).toString()).toBe(
      "FilterSyntaxError: Expected numeric value type for metric. Found 'high'\n  metrics.acc > 'high'\n                ^",
    );
  });

  it('shows only the line of a multi-line filter that holds the error', () => {
    const error = errorOf(() => parseRunFilter("metrics.acc > 1 AND\nparams.a = 5"));
    expect(error.message.split('\n').slice(1)).toEqual(['  params.a = 5', '             ^']);
  });
});
