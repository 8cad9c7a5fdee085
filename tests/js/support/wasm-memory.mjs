// Reaching the WebAssembly memory behind the package from a test.
//
// The Node entries instantiate the module with `new WebAssembly.Instance`
// when they load, and keep the instance inside their glue. Installing
// `captureInstances()` before the package is imported records every instance
// created from then on, so a test can read `memory.buffer.byteLength`.

/**
 * Starts recording every `WebAssembly.Instance` (constructed or from
 * `WebAssembly.instantiate`). Call it before importing the package.
 *
 * @returns {WebAssembly.Instance[]} The live list of instances, oldest first.
 */
export function captureInstances() {
  const instances = [];
  const Original = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Original, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget === WebAssembly.Instance ? target : newTarget);
      instances.push(instance);
      return instance;
    },
  });
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    instances.push(result instanceof Original ? result : result.instance);
    return result;
  };
  return instances;
}

/** The byte length of the instance's exported memory. */
export function memoryBytes(instance) {
  const memory = Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
  if (!memory) throw new Error('the instance exports no memory');
  return memory.buffer.byteLength;
}
