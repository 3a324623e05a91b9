// docs: Landing-page recipe of the Qboxmail Delivery API: every account of every page.
// docs: `tsc -p samples` type-checks it against the built client; "// docs:" lines are not shown.
import { ApiError, createQboxmailDeliveryClient } from '@mailapis/qboxmail-delivery-client';

const apiToken = process.env.QBOXMAIL_API_TOKEN;
if (!apiToken) throw new Error('Set QBOXMAIL_API_TOKEN to your Qboxmail management API token');

const client = createQboxmailDeliveryClient({ apiToken, environment: 'sandbox' });

try {
  // .all() requests page after page (keeping `per`) until the last one and yields each account.
  for await (const account of client.listDeliveryAccounts.all({ status: 'enabled', per: 100 })) {
    console.log(`${account.id} ${account.username} ${account.status}`);
  }
} catch (error) {
  if (error instanceof ApiError) console.error(`Qboxmail answered ${error.status}`, error.body);
  else throw error;
}
