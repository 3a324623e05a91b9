// docs: Landing-page recipe of the SendGrid Account Provisioning API: read, modify, write.
// docs: `tsc -p samples` type-checks it against the built client; "// docs:" lines are not shown.
import { ApiError, createSendGridProvisioningClient } from '@mailapis/sendgrid-provisioning-client';

const apiKey = process.env.SENDGRID_API_KEY;
if (!apiKey) throw new Error('Set SENDGRID_API_KEY to the API key of your reseller partner account');

const client = createSendGridProvisioningClient({ apiKey });
const accountID = 'sg2a2bcd3ef4ab5c67d8efab91c01de2fa';

try {
  // PUT replaces every offering of the account. modifyAccountOfferings reads the current list,
  // applies your change, checks the package rules locally and writes the complete result.
  // The API has no concurrency control: two writers at the same time can still overwrite each other.
  const { offerings } = await client.modifyAccountOfferings(accountID, (current) => [
    ...current.filter((offering) => offering.name !== 'org.dedicated_ip.v1'),
    { name: 'org.dedicated_ip.v1', type: 'addon', quantity: 2 },
  ]);
  for (const offering of offerings) console.log(`${offering.type} ${offering.name} × ${offering.quantity ?? 1}`);
} catch (error) {
  if (error instanceof ApiError) console.error(`SendGrid answered ${error.status}`, error.body);
  else throw error; // RequestError (timeout, network) or RequestValidationError (a package rule, a bad argument)
}
