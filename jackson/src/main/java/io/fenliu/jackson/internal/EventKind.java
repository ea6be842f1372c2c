package io.fenliu.jackson.internal;

import io.fenliu.routing.ShopEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of {@link ShopEvent} by the name their JSON {@code "type"} field carries, each with its record class and
 * the fields its shape allows: the one table {@link Writers#shopEvent} and {@link Readers#shopEvent} share, so a
 * kind cannot be written under one name and read under another. Every kind has {@code type}, {@code shop} and
 * {@code time} (required for {@code TIME_ADVANCED}, optional otherwise) before its own fields.
 */
enum EventKind {
  ARRIVED(ShopEvent.Arrived.class),
  ENDED(ShopEvent.Ended.class),
  WITHDRAWN(ShopEvent.Withdrawn.class),
  SEATED_BY_HOST(ShopEvent.SeatedByHost.class),
  RESTORED(ShopEvent.Restored.class),
  PRESENCE_CHANGED(ShopEvent.PresenceChanged.class),
  ACCOUNT_CHANGED(ShopEvent.AccountChanged.class),
  ACCOUNT_REMOVED(ShopEvent.AccountRemoved.class),
  SETTINGS_CHANGED(ShopEvent.SettingsChanged.class),
  TIME_ADVANCED(ShopEvent.TimeAdvanced.class);

  private final Class<? extends ShopEvent> type;

  EventKind(Class<? extends ShopEvent> type) {
    this.type = type;
  }

  /** The record class of this kind. */
  Class<? extends ShopEvent> type() {
    return type;
  }

  /** The fields this kind's shape allows, the common ones first. */
  String[] fields() {
    List<String> own = switch (this) {
      case ARRIVED, ENDED, WITHDRAWN -> List.of("consultation");
      case SEATED_BY_HOST -> List.of("consultation", "buyer", "agent");
      case RESTORED -> List.of("open");
      case PRESENCE_CHANGED -> List.of("agent", "presence");
      case ACCOUNT_CHANGED -> List.of("account");
      case ACCOUNT_REMOVED -> List.of("agent");
      case SETTINGS_CHANGED -> List.of("settings");
      case TIME_ADVANCED -> List.of();
    };
    Set<String> all = new LinkedHashSet<>(List.of("type", "shop", "time"));
    all.addAll(own);
    return all.toArray(new String[0]);
  }

  /** The kind of {@code event}. */
  static EventKind of(ShopEvent event) {
    return of(event.getClass());
  }

  /** The kind whose record class is {@code type}. */
  static EventKind of(Class<?> type) {
    for (EventKind k : values()) {
      if (k.type == type) {
        return k;
      }
    }
    throw new IllegalStateException("a ShopEvent of a kind fenliu-jackson does not know: " + type.getName());
  }

  /** Every field some kind allows: what a document whose kind is not yet known may hold. */
  static String[] allFields() {
    Set<String> all = new LinkedHashSet<>();
    for (EventKind k : values()) {
      all.addAll(List.of(k.fields()));
    }
    return all.toArray(new String[0]);
  }
}
