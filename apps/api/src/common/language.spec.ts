import { requestLanguage } from './language';

const withHeader = (value?: string | string[]) => ({ headers: { 'accept-language': value } });

describe('requestLanguage', () => {
  it('answers English without the header, as the api always has', () => {
    expect(requestLanguage({ headers: {} })).toBe('en');
    expect(requestLanguage(withHeader(''))).toBe('en');
  });

  it('reads the language the web app sends', () => {
    expect(requestLanguage(withHeader('zh-CN'))).toBe('zh-CN');
    expect(requestLanguage(withHeader('en'))).toBe('en');
  });

  it('takes any Chinese variant as Chinese and any English one as English', () => {
    expect(requestLanguage(withHeader('zh'))).toBe('zh-CN');
    expect(requestLanguage(withHeader('zh-Hans-CN'))).toBe('zh-CN');
    expect(requestLanguage(withHeader('en-GB'))).toBe('en');
  });

  it('honours q-values and skips languages CarePath does not speak', () => {
    expect(requestLanguage(withHeader('fr-FR, en;q=0.5, zh-CN;q=0.9'))).toBe('zh-CN');
    expect(requestLanguage(withHeader('de, en-US;q=0.8'))).toBe('en');
    expect(requestLanguage(withHeader('zh-CN;q=0, en'))).toBe('en');
    expect(requestLanguage(withHeader('fr'))).toBe('en');
  });

  it('reads a header sent more than once', () => {
    expect(requestLanguage(withHeader(['fr', 'zh-CN']))).toBe('zh-CN');
  });
});
