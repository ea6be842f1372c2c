package io.fenliu.core;

/**
 * The host's own id for one consultation (咨询), e.g. its chat session id. Seats are held and ended by it
 * (R20), and a waiting consultation is found in the queue by it (R22).
 *
 * @param value the id; never blank
 */
public record ConsultationId(String value) {
  /** Validates the id. */
  public ConsultationId {
    Checks.notBlank(value, "consultation id");
  }

  /** Shorthand for {@code new ConsultationId(value)}. */
  public static ConsultationId of(String value) {
    return new ConsultationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
