/**
 * A view's h1. After an in-app navigation it takes the focus once it is on screen (views that load
 * data show it later), so keyboard and screen reader users start at the new content.
 */
import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { takeFocusRequest } from './router';

export function PageHeading(props: Omit<TitleProps, 'order'>) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusRequest()) ref.current?.focus();
  }, []);
  return <Title order={1} tabIndex={-1} ref={ref} {...props} />;
}
