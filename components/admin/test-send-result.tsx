import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import type { TestSendResult } from "@/lib/admin/send-test-event";

// What a test delivery came back with: the endpoint's status and words, and the issue it made.
export function TestSendResultNotice({ result }: { result: TestSendResult }) {
  const ok = result.status >= 200 && result.status < 300;
  return (
    <div data-testid="test-send-result">
      <Notice tone={ok ? "success" : "error"}>
        The endpoint answered HTTP {result.status}: {result.message}
        {result.issue && (
          <>
            {" "}
            <Link href={`/issues/${result.issue.identifier}`} className="font-medium underline">
              Open {result.issue.identifier}
            </Link>
          </>
        )}
      </Notice>
    </div>
  );
}
