package io.fenliu.core;

/**
 * An id the shop does not know: an agent not on its roster, a consultation the router never saw, a buyer the
 * store lacks. Thrown before anything changes; a host maps it to "not found" (HTTP 404).
 *
 * <p>An {@link IllegalArgumentException}, so existing catch blocks keep working.
 */
public class UnknownIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String shop;

  /**
   * An unknown id.
   *
   * @param id the id as given
   * @param shop the shop in which it was looked up
   * @param message the whole message, naming the id, the shop and what to do
   */
  public UnknownIdException(String id, String shop, String message) {
    super(message);
    this.id = id;
    this.shop = shop;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }

  /** The shop in which it was looked up. */
  public String shop() {
    return shop;
  }
}
