/** Agent sources tests write to files and spawn. */

/** Idles until it is ended (its next syscall then fails and its code returns). */
export const SLEEPER = `export default async (os) => {
  for (;;) {
    await os.sleep(20);
    await os.handle.info(os.handles.self);
  }
};
`;
