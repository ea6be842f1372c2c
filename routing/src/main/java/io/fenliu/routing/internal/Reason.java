package io.fenliu.routing.internal;

import io.fenliu.routing.RoutingStep;


/**
 * One kind of reason a router gives (R19): the step, the template with {agent} and {context} placeholders, and
 * the context (a group's name, a page, a window in words). Shared by every decision of that kind in a layout,
 * so a prepared decision is an agent and a pointer, and the sentence is formatted only when read.
 */
public final class Reason {
  /** The step that decides. */
  public final RoutingStep step;
  final String template;
  final String context;

  /** A reason of {@code step}, formatted from {@code template} with {@code context}. */
  public Reason(RoutingStep step, String template, String context) {
    this.step = step;
    this.template = template;
    this.context = context;
  }

  /** The sentence, with {@code agent} in place of {agent}. */
  public String format(String agent) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    return template.replace("{agent}", agent).replace("{context}", context);
  }
}
