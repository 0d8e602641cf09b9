/** One labelled message: the text a sender writes and the handler that should take it (`null`: nobody). */
export interface Labelled {
  text: string;
  handler: string | null;
}
