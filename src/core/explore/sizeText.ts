/** A byte count as people read it: "512 B", "3.4 KB", "21.0 MB". A file of its own: the response tabs need it at activation, the rendering of a response does not. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
