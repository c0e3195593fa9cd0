import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';

// Dates travel as ISO 8601 strings; a bad one is rejected with a message that shows the expected form.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export function isIsoDateTime(value: string): boolean {
  return DATE_TIME.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

function isoScalar(name: string, check: (v: string) => boolean, example: string, description: string) {
  const parse = (value: unknown): string => {
    if (typeof value === 'string' && check(value)) return value;
    throw new GraphQLError(`${name} must be an ISO 8601 ${description} such as ${example}; got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  };
  return new GraphQLScalarType<string, string>({
    name,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : print(ast)),
  });
}

export const scalarResolvers = {
  Date: isoScalar('Date', isIsoDate, '2022-09-28', 'calendar date'),
  DateTime: isoScalar('DateTime', isIsoDateTime, '2022-09-28T14:30:00Z', 'date-time with offset'),
};
