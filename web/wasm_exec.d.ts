// Types of the part of Go's wasm_exec.js that closeevent.js uses. The
// script itself comes from the Go toolchain that builds main.wasm (`make
// build` copies it here); it sets globalThis.Go and exports nothing.
export {};

declare global {
  /** The runtime of one Go program compiled with GOOS=js GOARCH=wasm. */
  interface Go {
    /** The program's os.Args. */
    argv: string[];
    /** The program's environment. */
    env: Record<string, string>;
    /** The imports main.wasm needs. */
    importObject: WebAssembly.Imports;
    /** Runs main() until it waits for calls; settles when the program exits. */
    run(instance: WebAssembly.Instance): Promise<void>;
  }
  /** Set by wasm_exec.js. */
  var Go: { new (): Go; readonly prototype: Go };
}
