// Whether what was typed is an identifier (phone, USCC, waybill, platform:shop…) or
// free text (a name, a brand in Chinese or English). The hub parses identifiers.
export type SearchMode = "text" | "identifier";

export function guessMode(input: string): SearchMode {
  const value = input.trim();
  if (/^[a-z]+:\S+$/i.test(value)) return "identifier";
  const digits = value.replace(/\D/g, "").length;
  return digits >= 6 && digits >= value.replace(/\s/g, "").length / 2 ? "identifier" : "text";
}
