import { failure } from './connection.js';

const URL_WITH_PASSWORD = 'postgres://shop:p%40ss-w0rd@db.internal:6543/shop';

describe('failure', () => {
  it('names the server and the cause of a refused login', () => {
    const error = failure('CONNECTION_FAILED', URL_WITH_PASSWORD, {
      message: 'password authentication failed for user "shop"',
      code: '28P01',
    });
    expect(error.message).toBe(
      'cannot connect to postgres at db.internal:6543: password authentication failed for user "shop"',
    );
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.reason).toBe('28P01');
  });

  it('scrubs the password in both forms from whatever the cause says', () => {
    const error = failure('EXTRACTION_FAILED', URL_WITH_PASSWORD, {
      message: `bad url ${URL_WITH_PASSWORD} with p@ss-w0rd`,
    });
    expect(error.message).toBe(
      'cannot read the catalog of postgres at db.internal:6543/shop: bad url postgres://shop:***@db.internal:6543/shop with ***',
    );
  });

  it('reads the attempts of an error that has no message of its own', () => {
    const error = failure('CONNECTION_FAILED', 'postgres://localhost/shop', {
      message: '',
      code: 'ECONNREFUSED',
      errors: [
        { message: 'connect ECONNREFUSED ::1:5432' },
        { message: 'connect ECONNREFUSED 127.0.0.1:5432' },
      ],
    });
    expect(error.message).toBe(
      'cannot connect to postgres at localhost:5432: connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(failure('CONNECTION_FAILED', 'postgres://h/d', 'boom').message).toBe(
      'cannot connect to postgres at h:5432: boom',
    );
  });
});
