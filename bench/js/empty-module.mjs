// An empty module: the load-time baseline of Node's ES module loader itself.
export const empty = true;
