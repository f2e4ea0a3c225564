/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-page.h"

G_BEGIN_DECLS

/* pb-connection-page-actions.c: installs the page's actions and shortcuts. The page enables
 * page.copy-json and page.open-href as it renders a connection. */
void _pb_connection_page_class_actions_init (PbConnectionPageClass *klass);

G_END_DECLS
