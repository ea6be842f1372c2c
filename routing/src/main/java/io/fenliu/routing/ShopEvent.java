package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.internal.Require;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a shop's event log (R25): everything that changes a router's state, as a value. {@link
 * Router#apply(ShopEvent)} applies one and returns its {@link Applied outcome}; the router's other methods are
 * the same operations under their own names. A router built from a {@link RouterSnapshot} and fed the events
 * that followed it gives exactly the outcomes the original gave, so a shop's log is also its recovery, its
 * hand-over and its explanation.
 *
 * <p>Each event names its shop and may state its time. An event without a time is applied at the router's
 * clock, and {@link Applied#event()} returns it with that time filled in: log that, and the log replays
 * exactly. An event whose time is before the shop's time (the latest an event was applied at) is applied as of
 * the shop's time, not refused: feeds from several hosts interleave, and refusing would lose a real change.
 * Presence changes are the exception that R21 makes: a dated presence change older than the agent's last is
 * ignored ({@link Applied#changed()} is false).
 *
 * <p>The events are records: each is one entry of a log, and its fields are its wire shape (fenliu-jackson's
 * {@code ShopEvent} JSON). A new kind of change is a new kind of event, not a new field.
 */
public sealed interface ShopEvent {
  /** The shop the event belongs to. */
  ShopId shop();

  /** The event's stated time; empty when it is to be applied at the router's clock. */
  Optional<Instant> time();

  /** This event stated at {@code time}. */
  ShopEvent at(Instant time);

  /** A consultation arrived, to be routed (R16–R22); its time is the consultation's stated arrival. */
  static Arrived arrived(ShopId shop, Consultation consultation) {
    return new Arrived(shop, consultation);
  }

  /** A consultation ended (R20), or left the queue (R22). */
  static Ended ended(ShopId shop, ConsultationId consultation) {
    return new Ended(shop, consultation, Optional.empty());
  }

  /** A waiting buyer left the queue (R22). */
  static Withdrawn withdrawn(ShopId shop, ConsultationId consultation) {
    return new Withdrawn(shop, consultation, Optional.empty());
  }

  /** The host seated a consultation itself: a manual pick-up or a transfer (R20). */
  static SeatedByHost seatedByHost(ShopId shop, ConsultationId consultation, BuyerId buyer, AccountId agent) {
    return new SeatedByHost(shop, consultation, buyer, agent, Optional.empty());
  }

  /** The host handed back the consultations still open, e.g. from its database after a restart (R20). */
  static Restored restored(ShopId shop, List<OpenConsultation> open) {
    return new Restored(shop, open, Optional.empty());
  }

  /** An agent's presence changed (R17, R21); dated with {@link #at}, it is ordered against the agent's others. */
  static PresenceChanged presenceChanged(ShopId shop, AccountId agent, Presence presence) {
    return new PresenceChanged(shop, agent, presence, Optional.empty());
  }

  /** A sub-account was added or changed: status, permissions, participation, limit (R1, R17, R20). */
  static AccountChanged accountChanged(ShopId shop, SubAccount account) {
    return new AccountChanged(shop, account, Optional.empty());
  }

  /** A sub-account left the roster; its open consultations stay open until ended or moved. */
  static AccountRemoved accountRemoved(ShopId shop, AccountId agent) {
    return new AccountRemoved(shop, agent, Optional.empty());
  }

  /** New settings (R10–R16, R21–R23); refused while advanced routing would be switched off with members (R15). */
  static SettingsChanged settingsChanged(ShopId shop, RoutingSettings settings) {
    return new SettingsChanged(shop, settings, Optional.empty());
  }

  /** Time passed: every consultation that waited its maximum by {@code time} leaves the queue (R22). */
  static TimeAdvanced timeAdvanced(ShopId shop, Instant time) {
    return new TimeAdvanced(shop, time);
  }

  /** A consultation to route; see {@link ShopEvent#arrived}. */
  record Arrived(ShopId shop, Consultation consultation) implements ShopEvent {
    /** Validates every component. */
    public Arrived {
      Require.notNull(shop, "shop");
      Require.notNull(consultation, "consultation");
    }

    @Override
    public Optional<Instant> time() {
      return consultation.arrivedAt();
    }

    @Override
    public Arrived at(Instant time) {
      return new Arrived(shop, consultation.arrivedAt(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#ended}. */
  record Ended(ShopId shop, ConsultationId consultation, Optional<Instant> time) implements ShopEvent {
    /** Validates every component. */
    public Ended {
      Require.notNull(shop, "shop");
      Require.notNull(consultation, "consultation");
      Require.notNull(time, "time");
    }

    @Override
    public Ended at(Instant time) {
      return new Ended(shop, consultation, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#withdrawn}. */
  record Withdrawn(ShopId shop, ConsultationId consultation, Optional<Instant> time) implements ShopEvent {
    /** Validates every component. */
    public Withdrawn {
      Require.notNull(shop, "shop");
      Require.notNull(consultation, "consultation");
      Require.notNull(time, "time");
    }

    @Override
    public Withdrawn at(Instant time) {
      return new Withdrawn(shop, consultation, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#seatedByHost}. */
  record SeatedByHost(ShopId shop, ConsultationId consultation, BuyerId buyer, AccountId agent,
      Optional<Instant> time) implements ShopEvent {
    /** Validates every component. */
    public SeatedByHost {
      Require.notNull(shop, "shop");
      Require.notNull(consultation, "consultation");
      Require.notNull(buyer, "buyer");
      Require.notNull(agent, "agent");
      Require.notNull(time, "time");
    }

    @Override
    public SeatedByHost at(Instant time) {
      return new SeatedByHost(shop, consultation, buyer, agent, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#restored}. */
  record Restored(ShopId shop, List<OpenConsultation> open, Optional<Instant> time) implements ShopEvent {
    /** Validates every component and copies the list. */
    public Restored {
      Require.notNull(shop, "shop");
      open = List.copyOf(Require.noNullElements(open, "open consultations"));
      Require.notNull(time, "time");
    }

    @Override
    public Restored at(Instant time) {
      return new Restored(shop, open, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#presenceChanged}. */
  record PresenceChanged(ShopId shop, AccountId agent, Presence presence, Optional<Instant> time)
      implements ShopEvent {
    /** Validates every component. */
    public PresenceChanged {
      Require.notNull(shop, "shop");
      Require.notNull(agent, "agent");
      Require.notNull(presence, "presence");
      Require.notNull(time, "time");
    }

    @Override
    public PresenceChanged at(Instant time) {
      return new PresenceChanged(shop, agent, presence, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#accountChanged}. */
  record AccountChanged(ShopId shop, SubAccount account, Optional<Instant> time) implements ShopEvent {
    /** Validates every component. */
    public AccountChanged {
      Require.notNull(shop, "shop");
      Require.notNull(account, "account");
      Require.notNull(time, "time");
    }

    @Override
    public AccountChanged at(Instant time) {
      return new AccountChanged(shop, account, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#accountRemoved}. */
  record AccountRemoved(ShopId shop, AccountId agent, Optional<Instant> time) implements ShopEvent {
    /** Validates every component. */
    public AccountRemoved {
      Require.notNull(shop, "shop");
      Require.notNull(agent, "agent");
      Require.notNull(time, "time");
    }

    @Override
    public AccountRemoved at(Instant time) {
      return new AccountRemoved(shop, agent, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#settingsChanged}. */
  record SettingsChanged(ShopId shop, RoutingSettings settings, Optional<Instant> time) implements ShopEvent {
    /** Validates every component. */
    public SettingsChanged {
      Require.notNull(shop, "shop");
      Require.notNull(settings, "settings");
      Require.notNull(time, "time");
    }

    @Override
    public SettingsChanged at(Instant time) {
      return new SettingsChanged(shop, settings, Optional.of(Require.notNull(time, "time")));
    }
  }

  /** See {@link ShopEvent#timeAdvanced}. */
  record TimeAdvanced(ShopId shop, Instant instant) implements ShopEvent {
    /** Validates every component. */
    public TimeAdvanced {
      Require.notNull(shop, "shop");
      Require.notNull(instant, "time");
    }

    @Override
    public Optional<Instant> time() {
      return Optional.of(instant);
    }

    @Override
    public TimeAdvanced at(Instant time) {
      return new TimeAdvanced(shop, Require.notNull(time, "time"));
    }
  }
}
