import { safeNext } from './login-page';

describe('safeNext', () => {
  it('returns to an in-app path only', () => {
    expect(safeNext('?next=%2Fmembers%3Fx%3D1')).toBe('/members?x=1');
    expect(safeNext('')).toBe('/');
    expect(safeNext('?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(safeNext('?next=%2F%2Fevil.example')).toBe('/');
    expect(safeNext('?next=%2F%5Cevil.example')).toBe('/');
  });
});
