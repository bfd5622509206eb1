/**
 * A strict automock of a class: every prototype method is a jest.fn that throws until the test
 * gives it a behaviour, so a service under test cannot touch a port the test did not expect.
 */
export function strictMock<T extends object>(type: abstract new (...args: never[]) => T): jest.Mocked<T> {
  const mock: Record<string, jest.Mock> = {};
  let prototype = type.prototype as object | null;
  while (prototype && prototype !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor' || name in mock) continue;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (typeof descriptor?.value !== 'function') continue;
      mock[name] = jest.fn(() => {
        throw new Error(`unexpected call to ${type.name}.${name}`);
      });
    }
    prototype = Object.getPrototypeOf(prototype) as object | null;
  }
  return mock as unknown as jest.Mocked<T>;
}
