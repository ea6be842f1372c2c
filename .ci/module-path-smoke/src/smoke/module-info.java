/** A user's module: proves the installed jars work on the module path. */
module smoke {
  requires io.fenliu.routing;
  requires io.fenliu.anomaly;
}
