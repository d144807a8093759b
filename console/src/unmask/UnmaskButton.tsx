// Unmask one entity with a reason: the hub checks role, scope and the reason, audits the
// read and returns the cleartext, shown here only (never cached or put in a URL).
import { Button, Descriptions, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useMutation } from "urql";
import { ServerError } from "../app/common";
import { useT } from "../i18n";
import { UnmaskMutation } from "./queries";

export function UnmaskButton({ id }: { id: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [result, run] = useMutation(UnmaskMutation);
  const clear = result.data?.unmask;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="unmask">
        {t("unmask.button")}
      </Button>
      <Modal
        open={open}
        title={t("unmask.title")}
        okText={t("unmask.submit")}
        cancelText={t("common.close")}
        onOk={() => void run({ id, reason }, { requestPolicy: "network-only" })}
        okButtonProps={{ loading: result.fetching }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t("unmask.reason")} help={t("unmask.reasonHelp")}>
            <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="unmask-reason" />
          </Form.Item>
        </Form>
        <ServerError error={result.error} />
        {clear && (
          <Descriptions column={1} size="small" bordered data-testid="unmasked">
            <Descriptions.Item label={t("entity.key")}>{clear.key}</Descriptions.Item>
            <Descriptions.Item label={t("entity.caption")}>{clear.caption}</Descriptions.Item>
            {clear.properties.map((p) => (
              <Descriptions.Item key={p.name} label={p.name}>
                {JSON.stringify(p.value)}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t("unmask.audit")}>{clear.auditEvent}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </>
  );
}
