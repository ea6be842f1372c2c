package io.fenliu.routing;

/**
 * One kind of reason a router gives (R19): the step, the template with {agent} and {context} placeholders, and
 * the context (a group's name, a page, a window in words). Shared by every decision of that kind in a layout,
 * so a prepared decision is an agent and a pointer, and the sentence is formatted only when read.
 */
final class Reason {
  final RoutingStep step;
  final String template;
  final String context;

  Reason(RoutingStep step, String template, String context) {
    this.step = step;
    this.template = template;
    this.context = context;
  }

  String format(String agent) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    return template.replace("{agent}", agent).replace("{context}", context);
  }
}
