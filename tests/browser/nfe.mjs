// Authorised NF-e documents for the browser tests, made from an order's data: the buyer's CPF, the order
// total and the order id, with check digits computed here (mod 11, as SEFAZ defines them), so the
// br-invoice module accepts them before upload.

function digitFor(sum) {
  const r = sum % 11;
  return String(r < 2 ? 0 : 11 - r);
}

// Weights 2..9 from the right, starting again at 2; characters are worth their char code minus 48.
function mod11RightToLeft(text) {
  let sum = 0;
  for (let i = 0; i < text.length; ++i) sum += (text.charCodeAt(text.length - 1 - i) - 48) * (2 + (i % 8));
  return digitFor(sum);
}

export function cnpjFromBase(base12) {
  let cnpj = base12;
  cnpj += mod11RightToLeft(cnpj);
  cnpj += mod11RightToLeft(cnpj);
  return cnpj;
}

// The 44-character access key: state, year and month, issuer CNPJ, model 55, series, number, emission
// type, a random code, and the check digit.
export function accessKey({ issuerCnpj, number, stateCode = '35', yearMonth = '2611', series = '001',
  randomCode = '10293847' }) {
  const first43 = stateCode + yearMonth + issuerCnpj + '55' + series + number + '1' + randomCode;
  if (first43.length !== 43) throw new Error(`access key: expected 43 characters before the check digit, found ${first43.length}`);
  return first43 + mod11RightToLeft(first43);
}

// An nfeProc (the NF-e with its authorisation protocol, status 100) for one order.
export function nfeFor({ orderId, buyerCpf, total, number = '000000101' }) {
  const issuerCnpj = cnpjFromBase('112223330001');
  const key = accessKey({ issuerCnpj, number });
  const dest = buyerCpf ? `<CPF>${buyerCpf}</CPF>` : '';
  return '<?xml version="1.0" encoding="UTF-8"?>' +
    '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><NFe>' +
    `<infNFe versao="4.00" Id="NFe${key}">` +
    `<ide><cUF>35</cUF><mod>55</mod><serie>1</serie><nNF>${Number(number)}</nNF></ide>` +
    `<emit><CNPJ>${issuerCnpj}</CNPJ><xNome>Loja Demo LTDA</xNome></emit>` +
    `<dest>${dest}<xNome>Comprador</xNome></dest>` +
    `<det nItem="1"><prod><cProd>SKU-1</cProd><xProd>Pedido ${orderId}</xProd><vProd>${total}</vProd></prod></det>` +
    `<total><ICMSTot><vProd>${total}</vProd><vNF>${total}</vNF></ICMSTot></total>` +
    `<compra><xPed>${orderId}</xPed></compra></infNFe></NFe>` +
    `<protNFe versao="4.00"><infProt><tpAmb>1</tpAmb><chNFe>${key}</chNFe>` +
    '<dhRecbto>2026-11-20T10:00:00-03:00</dhRecbto><nProt>135260000000001</nProt><cStat>100</cStat>' +
    '<xMotivo>Autorizado o uso da NF-e</xMotivo></infProt></protNFe></nfeProc>';
}
