/** Scale benchmark: the smallest agent, which returns at once. */
export default async function () {
  return 1;
}
