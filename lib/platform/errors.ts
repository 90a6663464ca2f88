/** An expected failure with a stable code; actions and route handlers map codes to results and statuses. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what = 'That item') {
    super('not_found', `${what} was not found.`, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('forbidden', 'You are not allowed to do that.', 403);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfter: number) {
    super('rate_limited', `Too many attempts. Try again in ${retryAfter} s.`, 429);
  }
}
