import { mergeEnvironment, parseDotenv } from './dotenv.mjs';

describe('parseDotenv', () => {
  it('reads assignments, comments, export and quotes', () => {
    const text = [
      '# comment',
      '',
      'PORT=3001',
      'export LOG_LEVEL=debug',
      'JWT_SECRET="a b # not a comment"',
      "SINGLE='x\\ny'",
      'PEM="-----BEGIN-----\\nabc\\n-----END-----"',
      'TRAILING=value # comment',
      'EMPTY=',
      'not an assignment',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({
      PORT: '3001',
      LOG_LEVEL: 'debug',
      JWT_SECRET: 'a b # not a comment',
      SINGLE: 'x\\ny',
      PEM: '-----BEGIN-----\nabc\n-----END-----',
      TRAILING: 'value',
      EMPTY: '',
    });
  });
});

describe('mergeEnvironment', () => {
  it('lets the process environment win over the file', () => {
    expect(mergeEnvironment({ A: 'file', B: 'file' }, { A: 'process', C: undefined })).toEqual({
      A: 'process',
      B: 'file',
    });
  });
});
