/** A generated runbook of at least `minBytes` characters: an H1 and many `## Step N` sections, each with a console block. */
export function generateRunbook(minBytes: number): { text: string; steps: number } {
  const output =
    'NAME                          READY   STATUS    RESTARTS   AGE\n' +
    'api-7d9f8b6c5d-x2x7q          1/1     Running   0          3d\n'.repeat(40);
  const parts: string[] = ['# Generated runbook\n'];
  let size = parts[0]!.length;
  let steps = 0;
  while (size < minBytes) {
    const section = `## Step ${steps}\n\nCheck the pods of shard ${steps}:\n\n\`\`\`console\n$ kubectl get pods -l shard=${steps}\n${output}\`\`\`\n`;
    parts.push(section);
    size += section.length + 1;
    steps++;
  }
  return { text: parts.join('\n'), steps };
}
