// kingkung-web: the seller web host (replaced by the full host; this placeholder keeps the build whole).
int main() { return 1; }
