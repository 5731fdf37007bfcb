export { ContactsPage } from './components/ContactsPage';
export { useContacts } from './api/get-contacts';
