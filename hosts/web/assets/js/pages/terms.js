// The terms of use of KingKung Seller Center.

import { contentPage } from "./common_pages.js";

const SECTIONS = [
  { id: "service", paras: 2 },
  { id: "accounts", paras: 1, items: 4 },
  { id: "platform", paras: 2 },
  { id: "data", paras: 2 },
  { id: "acceptable", paras: 1, items: 4 },
  { id: "availability", paras: 2 },
  { id: "liability", paras: 2 },
  { id: "ending", paras: 2 },
  { id: "changes", paras: 1 },
];

export default {
  titleKey: "terms.title",
  async render(root) {
    contentPage(root, { prefix: "terms", sections: SECTIONS });
  },
};
