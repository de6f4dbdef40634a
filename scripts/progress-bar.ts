/** A one-line bar on stderr when it is a terminal; silent in pipes and logs. */
export function progressBar(): (stage: string, fraction: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (stage, fraction) => {
    const width = 30;
    const filled = Math.round(fraction * width);
    process.stderr.write(`\r${stage.padEnd(17)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`);
    if (fraction >= 1) process.stderr.write('\n');
  };
}
