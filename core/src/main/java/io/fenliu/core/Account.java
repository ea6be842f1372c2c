package io.fenliu.core;

/**
 * An account of a shop: its {@link MainAccount} or one of its {@link SubAccount}s. The split is
 * sealed because the rules treat the two very differently: the main account is never a valid
 * exclusive agent (R1.5, R3) and never routed to (R17).
 */
public sealed interface Account permits MainAccount, SubAccount {
  /** The account's id, unique within its shop. */
  AccountId id();

  /** The account's display name (账号名), used when searching agents by name (R11). */
  String name();
}
