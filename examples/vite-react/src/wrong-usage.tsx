// Mistakes `customer-profile/react` must catch: `tsc --noEmit` (the build's first step)
// fails if any line marked `@ts-expect-error` type-checks. Not imported by the page.
import type {} from 'customer-profile/react';
import { useRef } from 'react';

export function WrongUsage() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      {/* @ts-expect-error: customerId is a string */}
      <customer-profile customerId={42} />
      {/* @ts-expect-error: no such theme */}
      <customer-profile theme="sepia" />
      {/* @ts-expect-error: the ref is the element's own class */}
      <customer-profile ref={input} />
      {/* @ts-expect-error: a saved event's detail has no `dirty` */}
      <customer-profile oncustomer-profile-saved={(e) => e.detail.dirty} />
    </>
  );
}
