import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './mask';

describe('masking', () => {
  it('keeps the first character of a name', () => {
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName('')).toBe('');
  });

  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('333-4444')).toBe('*****44');
    expect(maskPhone(null)).toBeNull();
  });
});
