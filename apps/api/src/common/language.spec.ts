import { languageOf } from './language';

describe('the caller’s language from Accept-Language', () => {
  it('answers Chinese for any preferred zh tag and English otherwise', () => {
    expect(languageOf('zh-CN')).toBe('zh-CN');
    expect(languageOf('zh')).toBe('zh-CN');
    expect(languageOf('zh-Hans-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-GB,zh-CN;q=0.5')).toBe('en');
    expect(languageOf('fr-FR,zh-CN;q=0.8,en;q=0.7')).toBe('zh-CN');
    expect(languageOf('en;q=0.3, zh-TW;q=0.6')).toBe('zh-CN');
  });

  it('falls back to English without a header, with a bad one, or with nothing it knows', () => {
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('')).toBe('en');
    expect(languageOf('de, fr')).toBe('en');
    expect(languageOf('zh;q=0')).toBe('en');
    expect(languageOf(';;;,,,q=')).toBe('en');
  });
});
