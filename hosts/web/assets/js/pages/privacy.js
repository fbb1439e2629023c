// The privacy policy: what we store, how it is protected, who sees it, how long it is kept, and the
// seller's rights. Every promise here is a behaviour of the product (see docs/privacy.md).

import { contentPage } from "./common_pages.js";

const SECTIONS = [
  { id: "who", paras: 2 },
  { id: "access", paras: 1, items: 6 },
  { id: "use", paras: 2 },
  { id: "store", paras: 1, items: 6 },
  { id: "protect", paras: 1, items: 5 },
  { id: "share", paras: 2 },
  { id: "disconnect", paras: 1, items: 4 },
  { id: "rights", paras: 1, items: 3 },
  { id: "review", paras: 2 },
  { id: "contact", paras: 1 },
];

export default {
  titleKey: "privacy.title",
  async render(root) {
    contentPage(root, { prefix: "privacy", sections: SECTIONS });
  },
};
