/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-client.h"

G_BEGIN_DECLS

/* The most pages a list reads before it gives up with PB_CLIENT_ERROR_BAD_RESPONSE (10,000
 * unless changed). Lets a test reach the limit without a million connections. */
void _pb_client_set_max_pages (PbClient *self,
                               guint     max_pages);

G_END_DECLS
