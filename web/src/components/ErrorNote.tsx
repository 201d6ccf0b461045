import { Alert } from '@mantine/core';

/** An error to see at once: shown in red and announced (role="alert"); nothing when there is none. */
export function ErrorNote({ message }: { message: string | null | undefined }) {
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}
