// "Open joint case" from a trace to production sources: the dialog asks the hub what the
// jurisdiction rules propose for this trace (traceProposedCase) and shows it before
// anything is written; confirming opens it (createJointCaseFromTrace), and the hub
// routes it again and records why. Upstream traces only: the analysis proposes a case
// for a chain to its sources, not for a sales network.
import { Button, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { Loading, ServerError } from "../app/common";
import { CreatedCase, ProposedCase } from "../cases/Proposal";
import { useT } from "../i18n";
import { CaseFromTraceMutation, TraceProposalQuery } from "./queries";

function Dialog({ startId, onClose }: { startId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [{ data, fetching, error }] = useQuery({ query: TraceProposalQuery, variables: { id: startId }, requestPolicy: "network-only" });
  const [made, create] = useMutation(CaseFromTraceMutation);
  const created = made.data?.createJointCaseFromTrace;
  return (
    <Modal
      open
      title={t("trace.openCaseTitle")}
      okText={created ? t("rings.openCase") : t("rings.confirm")}
      cancelText={t("common.close")}
      okButtonProps={{ loading: made.fetching, disabled: fetching && !data, id: "confirm-trace-case" }}
      onCancel={onClose}
      onOk={() => {
        if (created) navigate(`/cases/${encodeURIComponent(created.id)}`);
        else void create({ id: startId, title });
      }}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        {fetching && !data && <Loading />}
        <ServerError error={error} />
        {data && <ProposedCase proposal={data.traceProposedCase} />}
        <Input
          aria-label={t("rings.caseTitle")}
          placeholder={t("rings.caseTitlePlaceholder")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          disabled={!!created}
        />
        <ServerError error={made.error} />
        {created && <CreatedCase created={created} />}
      </Space>
    </Modal>
  );
}

export function OpenCaseFromTrace({ startId }: { startId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="trace-to-case">
        {t("trace.openCase")}
      </Button>
      {open && <Dialog startId={startId} onClose={() => setOpen(false)} />}
    </>
  );
}
