// docs: TypeScript x-codeSample of `updateDeliveryAccount`, shown on the Qboxmail reference page and the
// docs: landing page. `tsc -p samples` type-checks it against the built client; lines starting with
// docs: "// docs:" are not shown on the site.
import { ApiError, createQboxmailDeliveryClient } from '@mailapis/qboxmail-delivery-client';

const apiToken = process.env.QBOXMAIL_API_TOKEN;
if (!apiToken) throw new Error('Set QBOXMAIL_API_TOKEN to your Qboxmail management API token');

const client = createQboxmailDeliveryClient({
  apiToken,
  environment: 'sandbox', // 'production' once you are ready
});

try {
  // Only the fields you send are changed; `{}` is a valid no-op.
  const { resources } = await client.updateDeliveryAccount(1042, {
    description: 'Transactional mail for the web shop',
    bounce_notification: 'bounces@shop.example.com',
    bounce_notification_to_sender: false,
    domain_codes: ['D123456789', 'D987654321'],
    payment_method: 'stripe',
    volume: 2,
    ignore_suppression_list: false,
    allow_nets: ['203.0.113.10', '198.51.100.0/24'],
  });
  const [account] = resources;
  console.log(`account ${account?.id} is now ${account?.status}`);
} catch (error) {
  if (error instanceof ApiError) {
    // error.body is the documented error envelope for 401, 403, 404, 422 and 500
    console.error(`Qboxmail answered ${error.status}`, error.body);
  } else {
    throw error; // RequestError (timeout, network) or RequestValidationError (bad input)
  }
}
