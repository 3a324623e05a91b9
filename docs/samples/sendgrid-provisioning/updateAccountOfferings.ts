// docs: TypeScript x-codeSample of `updateAccountOfferings`, shown on the SendGrid reference page and the
// docs: landing page. `tsc -p samples` type-checks it against the built client; lines starting with
// docs: "// docs:" are not shown on the site.
import { ApiError, createSendGridProvisioningClient } from '@mailapis/sendgrid-provisioning-client';

const apiKey = process.env.SENDGRID_API_KEY;
if (!apiKey) throw new Error('Set SENDGRID_API_KEY to the API key of your reseller partner account');

const client = createSendGridProvisioningClient({
  apiKey,
  region: 'global', // 'eu' for accounts whose data is held in the EU
});

try {
  // Replaces ALL offerings of the account: anything not listed here is removed.
  const { offerings } = await client.updateAccountOfferings('sg2a2bcd3ef4ab5c67d8efab91c01de2fa', {
    offerings: [
      { name: 'org.ei.free.v1', type: 'package', quantity: 1 },
      { name: 'org.mc.basic.v1', type: 'addon', quantity: 1 },
      { name: 'org.dedicated_ip.v1', type: 'addon', quantity: 2 },
    ],
  });
  for (const offering of offerings) {
    console.log(`${offering.type} ${offering.name} × ${offering.quantity ?? 1}`);
  }
} catch (error) {
  if (error instanceof ApiError) {
    // error.body is the documented error envelope: { errors: [{ message, field, error_id? }] }
    console.error(`SendGrid answered ${error.status}`, error.body);
  } else {
    throw error; // RequestError (timeout, network) or RequestValidationError (bad input)
  }
}
