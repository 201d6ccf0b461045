/**
 * A view that throws shows this instead of a blank page: what happened and a way back. The message is
 * in both languages because the language provider may be what failed.
 */
import { Alert, Button, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack p="xl" maw={640}>
        <Alert color="red" role="alert" title="Đã có lỗi trong ứng dụng / The app ran into an error">
          {this.state.error.message}
        </Alert>
        <Button onClick={() => location.reload()}>Tải lại trang / Reload</Button>
      </Stack>
    );
  }
}
