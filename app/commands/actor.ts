/** Who runs a command, as its audit row records them. */
export interface Actor {
  userId: string;
  ip: string;
}
